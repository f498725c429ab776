package org.minibuildd.daemon;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

import org.springframework.stereotype.Component;

/**
 * The password of the {@code admin} account: taken from {@code MINIBUILDD_ADMIN_PASSWORD} when given, else
 * generated once and kept in a 0600 file in home, so the operator can always read it back there.
 */
@Component
public class AdminPassword {

    public static final String ENVIRONMENT_VARIABLE = "MINIBUILDD_ADMIN_PASSWORD";

    private final Path file;
    private final String password;

    @org.springframework.beans.factory.annotation.Autowired
    AdminPassword(MiniBuilddSettings settings, Home home) {
        this(settings.adminPasswordFile().isBlank() ? home.adminPasswordFile() : Path.of(settings.adminPasswordFile()),
                System.getenv(ENVIRONMENT_VARIABLE));
    }

    AdminPassword(Path file, String given) {
        this.file = file;
        try {
            if (given != null && !given.isBlank()) {
                write(file, given.strip());
            } else if (!Files.exists(file)) {
                write(file, generate());
            }
            this.password = Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the admin password in " + file, e);
        }
    }

    public Path file() {
        return file;
    }

    public String password() {
        return password;
    }

    private static String generate() {
        var bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static void write(Path file, String password) throws IOException {
        var tmp = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(tmp, password + "\n", StandardCharsets.UTF_8);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }
}
