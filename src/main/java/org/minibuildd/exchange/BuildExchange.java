package org.minibuildd.exchange;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

import org.minibuildd.debian.BuildChanges;
import org.minibuildd.debian.BuildChangesName;
import org.minibuildd.debian.BuildRequest;
import org.minibuildd.debian.BuildResult;
import org.minibuildd.debian.Changes;
import org.minibuildd.debian.Checksum;
import org.minibuildd.debian.FileEntry;
import org.minibuildd.exchange.internal.FtpUpload;
import org.minibuildd.incoming.CompleteUpload;
import org.minibuildd.openpgp.InstanceKeyStore;
import org.minibuildd.openpgp.Keyring;
import org.minibuildd.openpgp.SignatureVerifier;
import org.minibuildd.openpgp.VerificationException;
import org.minibuildd.process.Command;
import org.minibuildd.process.ProcessRunner;
import org.springframework.stereotype.Component;

/**
 * The one piece that puts build requests and results on the wire and takes them off it. Writing: the payload
 * tar (uncompressed, flat names), then the {@code .changes} listing it, clearsigned by the instance key; each file
 * goes to a temporary name first, so writing again after a crash is harmless. Sending: to an instance's FTP
 * incoming, the listed files first and the {@code .changes} last. Receiving: the signature is checked against
 * this instance's key and the keys of the peers the caller trusts, then the files are taken over and the tars
 * unpacked.
 */
@Component
public class BuildExchange {

    private final InstanceKeyStore keys;
    private final ProcessRunner runner;
    private final SignatureVerifier verifier = new SignatureVerifier();

    BuildExchange(InstanceKeyStore keys, ProcessRunner runner) {
        this.keys = keys;
        this.runner = runner;
    }

    /**
     * Writes a build request into {@code dir}: its tar of {@code members} (paths relative to {@code payload}) and
     * the signed {@code .changes}. Returns the {@code .changes}.
     */
    public Path write(Path dir, BuildRequest request, Path payload, List<String> members) throws IOException {
        return write(dir, request, payload, members, List.of());
    }

    /**
     * Writes a build result into {@code dir}: the tar of {@code members} (paths relative to {@code dir}; none for
     * a build that made nothing) and the signed {@code .changes} listing the build log and the tar. Returns the
     * {@code .changes}.
     */
    public Path write(Path dir, BuildResult result, Path buildlog, List<String> members) throws IOException {
        return write(dir, result, dir, members, List.of(buildlog));
    }

    /**
     * Sends a written request or result ({@code changes} and the files it lists, beside it) to the FTP incoming
     * {@code target} ({@code ftp://host:port}).
     */
    public void send(String target, Path changes) throws IOException {
        var files = new ArrayList<Path>();
        for (var file : Changes.parseInternal(Files.readString(changes, StandardCharsets.UTF_8)).files()) {
            files.add(changes.resolveSibling(file.name()));
        }
        files.add(changes);
        FtpUpload.upload(target, files);
    }

    /**
     * Uploads {@code files} in the order given (the {@code .changes} last) to the FTP incoming {@code target}, as
     * dput would: for uploads the daemon makes itself (ports), which then go the normal way through incoming.
     */
    public void upload(String target, List<Path> files) throws IOException {
        FtpUpload.upload(target, files);
    }

    /** Checks that a received request or result is signed by this instance's key or one in {@code peers}. */
    public void verify(CompleteUpload upload, Keyring peers) throws VerificationException {
        verifier.verifyClearsigned(upload.changes().original(), keys.get().publicKeyring().plus(peers));
    }

    /** Takes a received request or result over into {@code dir} and unpacks its tars there. */
    public void unpack(CompleteUpload upload, Path dir) throws IOException {
        upload.linkTo(dir);
        for (var file : upload.files()) {
            var name = file.getFileName().toString();
            if (name.endsWith(".tar")) {
                runner.run(Command.of("tar", "--extract", "--file", dir.resolve(name).toString(), "--directory", dir.toString(),
                        "--no-same-owner"));
            }
        }
    }

    /** Keeps a request or result nobody here takes in {@code dir}, with the reason in {@code .rejected}. */
    public void quarantine(CompleteUpload upload, Path dir, String reason) throws IOException {
        upload.linkTo(dir);
        Files.writeString(dir.resolve(".rejected"), reason + "\n");
    }

    private Path write(Path dir, BuildChanges changes, Path base, List<String> members, List<Path> listedBeforeTar)
            throws IOException {
        var listed = new ArrayList<>(listedBeforeTar);
        listed.add(tar(dir, changes.tarName(), base, members));
        var tmp = dir.resolve("." + changes.changesName() + ".new");
        Files.writeString(tmp, keys.get().clearsign(changes.toParagraph(entries(listed)).serialize()), StandardCharsets.UTF_8);
        var file = dir.resolve(changes.changesName());
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return file;
    }

    private Path tar(Path dir, String name, Path base, List<String> members) throws IOException {
        Files.createDirectories(dir);
        var tmp = dir.resolve("." + name + ".new");
        var argv = new ArrayList<>(List.of("tar", "--create", "--file", tmp.toString(), "--directory", base.toString()));
        if (members.isEmpty()) {
            // tar refuses to make an archive from an empty list of names, not from an empty list file.
            argv.addAll(List.of("--files-from", "/dev/null"));
        }
        argv.addAll(members);
        runner.run(Command.of(argv));
        var tar = dir.resolve(name);
        Files.move(tmp, tar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return tar;
    }

    private static List<FileEntry> entries(List<Path> files) throws IOException {
        var entries = new ArrayList<FileEntry>();
        for (var file : files) {
            try (var in = Files.newInputStream(file)) {
                entries.add(BuildChangesName.listed(file.getFileName().toString(), Files.size(file), Checksum.MD5.of(in)));
            }
        }
        return entries;
    }
}
