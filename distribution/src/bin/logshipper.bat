@echo off
rem logshipper: reads, finds and generates logs shipped to Apache Kafka (tail, topics, load).
rem Needs Java 17 or newer: %JAVA_HOME%\bin\java.exe if JAVA_HOME is set, else java on the PATH.
rem Extra JVM options go in LOGSHIPPER_OPTS (e.g. -Xmx256m).
setlocal
set "LOGSHIPPER_HOME=%~dp0.."
if defined JAVA_HOME (
  set "JAVA_CMD=%JAVA_HOME%\bin\java.exe"
) else (
  set "JAVA_CMD=java"
)
if defined JAVA_HOME if not exist "%JAVA_CMD%" (
  echo logshipper: JAVA_HOME is %JAVA_HOME%, but %JAVA_CMD% does not exist; set JAVA_HOME to a JDK or JRE 17+ 1>&2
  exit /b 2
)
"%JAVA_CMD%" %LOGSHIPPER_OPTS% -jar "%LOGSHIPPER_HOME%\lib\logshipper.jar" %*
exit /b %ERRORLEVEL%
