#!/bin/sh
# Builds the image's own root, added by Jib as one layer: a writable /tmp and data directory and,
# unless the base image brings Java, a Java runtime cut from the build's JDK with jlink plus the
# few shared libraries it loads. So `mvn -Pimage package` pulls no base image from any registry.
#   runtime.sh <java-home> <output-dir> <base-image>
set -eu
java_home=$1 root=$2 base=$3

rm -rf "$root"
mkdir -p "$root/tmp" "$root/var/lib/recovery-desk"
[ "$base" = scratch ] || exit 0

jre=$root/opt/java/openjdk
# What Spring Boot, Camunda, Tomcat, JDBC, TLS and Jakarta Mail use; no compiler, no tools.
"$java_home/bin/jlink" --output "$jre" --strip-debug --no-man-pages --no-header-files \
  --add-modules java.base,java.compiler,java.desktop,java.instrument,java.logging,java.management,java.naming,java.net.http,java.prefs,java.rmi,java.scripting,java.security.jgss,java.security.sasl,java.sql,java.transaction.xa,java.xml,jdk.charsets,jdk.crypto.cryptoki,jdk.crypto.ec,jdk.localedata,jdk.management,jdk.naming.dns,jdk.net,jdk.security.auth,jdk.unsupported,jdk.zipfs

# The C libraries those binaries link to, found with ldd; the desktop ones (X11, sound, fonts,
# images) are loaded only by a GUI and left out.
libs=$(find "$jre/bin" "$jre/lib" -type f \( -name java -o -name '*.so' \) \
    ! -name 'libawt_xawt.so' ! -name 'libjawt.so' ! -name 'libsplashscreen.so' \
    ! -name 'libfontmanager.so' ! -name 'libjsound.so' ! -name 'liblcms.so' ! -name 'libjavajpeg.so' \
  | xargs ldd 2>/dev/null | awk '$2 == "=>" && $3 ~ /^\// {print $3} $1 ~ /^\/.*ld-linux/ {print $1}' \
  | grep -v "^$jre" | sort -u)
for lib in $libs; do
  mkdir -p "$root$(dirname "$lib")"
  cp -L "$lib" "$root$lib"
done

# The unprivileged user the container runs as (a name, so user.home and logs make sense).
mkdir -p "$root/etc"
printf 'root:x:0:0:root:/root:/sbin/nologin\ndesk:x:65532:65532:Recovery Desk:/var/lib/recovery-desk:/sbin/nologin\n' > "$root/etc/passwd"
printf 'root:x:0:\ndesk:x:65532:\n' > "$root/etc/group"
