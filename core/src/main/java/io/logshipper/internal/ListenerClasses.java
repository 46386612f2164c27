package io.logshipper.internal;

import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;

import io.logshipper.ShipperListener;
import io.logshipper.config.Kinds;
import io.logshipper.config.SettingException;
import io.logshipper.config.Settings;

/** Creates the listeners the {@code listener} setting names, once per shipper, through their no-argument constructor. */
public final class ListenerClasses {

    private ListenerClasses() {
    }

    /**
     * One new instance of each class, in order.
     *
     * @throws SettingException naming the {@code listener} setting when a class cannot be created (its constructor
     *                          threw); the front door words it
     */
    public static List<ShipperListener> create(List<String> names) {
        List<ShipperListener> out = new ArrayList<>();
        if (names == null) {
            return out;
        }
        for (String name : names) {
            try {
                out.add((ShipperListener) Kinds.loadClass(name).getConstructor().newInstance());
            } catch (InvocationTargetException e) {
                throw SettingException.of(Settings.LISTENER, "names class " + Kinds.quoted(name)
                        + ", whose constructor threw " + Problems.describe(e.getCause()), null);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                throw SettingException.of(Settings.LISTENER, "names class " + Kinds.quoted(name)
                        + ", which cannot be created: " + Problems.describe(e), null);
            }
        }
        return out;
    }
}
