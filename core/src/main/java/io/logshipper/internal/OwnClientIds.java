package io.logshipper.internal;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The client ids of logshipper's own Kafka clients, which name their I/O threads. Ids logshipper chooses start
 * with {@link ProducerPool#CLIENT_ID_PREFIX} and are recognised by that alone; a {@code client.id} the user passes
 * through for the log producer is recorded here while a producer uses it, so that its I/O thread is still
 * recognised as logshipper's own.
 */
public final class OwnClientIds {

    /** Live producers per user-chosen client id: two shippers with different settings may share an id. */
    private static final ConcurrentHashMap<String, Integer> CHOSEN_BY_USER = new ConcurrentHashMap<>();

    private OwnClientIds() {
    }

    /**
     * Whether the Kafka client whose id starts at {@code from} in {@code text} (a thread name) is one of
     * logshipper's own. Allocates nothing unless the user chose a client id.
     */
    public static boolean isOwn(String text, int from) {
        return text.startsWith(ProducerPool.CLIENT_ID_PREFIX, from)
                || !CHOSEN_BY_USER.isEmpty() && CHOSEN_BY_USER.containsKey(text.substring(from));
    }

    /** Records that a producer of logshipper's is about to use this id; call before creating it. */
    static void add(String clientId) {
        if (!clientId.startsWith(ProducerPool.CLIENT_ID_PREFIX)) {
            CHOSEN_BY_USER.merge(clientId, 1, Integer::sum);
        }
    }

    /** Records that a producer added with {@link #add} is closed (or was never created). */
    static void remove(String clientId) {
        CHOSEN_BY_USER.computeIfPresent(clientId, (id, n) -> n == 1 ? null : n - 1);
    }
}
