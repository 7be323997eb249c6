package dev.recoverydesk.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Random keys kept beside the embedded database for laptop and demo runs, readable by the owner
 * only, so that signed links and sealed secrets survive restarts. Production passes its keys in.
 */
final class KeyFiles {

  private KeyFiles() {}

  static byte[] readOrCreate(Path file, int bytes) {
    try {
      if (Files.exists(file)) {
        return Base64.getDecoder().decode(Files.readString(file).trim());
      }
      Files.createDirectories(file.getParent());
      var key = new byte[bytes];
      new SecureRandom().nextBytes(key);
      var temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
      try {
        Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the directory's ACL applies.
      }
      Files.writeString(temp, Base64.getEncoder().encodeToString(key));
      try {
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
      } catch (FileAlreadyExistsException raced) {
        Files.deleteIfExists(temp);
        return Base64.getDecoder().decode(Files.readString(file).trim());
      }
      return key;
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read or create the key file " + file, e);
    }
  }
}
