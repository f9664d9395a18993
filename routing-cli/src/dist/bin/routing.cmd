@echo off
rem routing: the approuting command line (lib\routing.jar); see bin/routing for the flags.
if defined JAVA_HOME (set "ROUTING_JAVA=%JAVA_HOME%\bin\java") else (set "ROUTING_JAVA=java")
"%ROUTING_JAVA%" -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto %ROUTING_OPTS% -jar "%~dp0..\lib\routing.jar" %*
