package org.minibuildd.incoming.internal;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.apache.ftpserver.ftplet.DataConnection;
import org.apache.ftpserver.ftplet.DefaultFtpReply;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.FtpReply;
import org.apache.ftpserver.ftplet.FtpRequest;
import org.apache.ftpserver.ftplet.FtpSession;
import org.apache.ftpserver.ftplet.Ftplet;
import org.apache.ftpserver.ftplet.FtpletContext;
import org.apache.ftpserver.ftplet.FtpletResult;
import org.minibuildd.debian.FileName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.util.unit.DataSize;

/**
 * The rules of FTP incoming. STOR is done here rather than by FtpServer, so that a file is checked before a byte
 * is taken, written to a temp file, capped while it streams, and in the spool (on disk) before the client reads
 * "226": a client that saw success never loses its file to a crash. Commands that would read, change or remove
 * files are refused; listings are left to the virtual file system, which shows an empty {@code /incoming}.
 */
final class UploadFtplet implements Ftplet {

    private static final Logger log = LoggerFactory.getLogger(UploadFtplet.class);

    /** Bytes this session stored so far (the per-upload cap counts a session as one upload, as one dput run is). */
    private static final String STORED = "minibuildd.incoming.stored";

    private static final Set<String> REFUSED = Set.of("APPE", "STOU", "DELE", "RMD", "XRMD", "MKD", "XMKD", "RNFR",
            "RNTO", "REST", "SITE", "MFMT");

    private final Spool spool;
    private final DataSize maxFileSize;
    private final DataSize maxUploadSize;
    private final Runnable onStored;

    UploadFtplet(Spool spool, DataSize maxFileSize, DataSize maxUploadSize, Runnable onStored) {
        this.spool = spool;
        this.maxFileSize = maxFileSize;
        this.maxUploadSize = maxUploadSize;
        this.onStored = onStored;
    }

    @Override
    public void init(FtpletContext context) {
    }

    @Override
    public void destroy() {
    }

    @Override
    public FtpletResult onConnect(FtpSession session) {
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult onDisconnect(FtpSession session) {
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult afterCommand(FtpSession session, FtpRequest request, FtpReply reply) {
        return FtpletResult.DEFAULT;
    }

    @Override
    public FtpletResult beforeCommand(FtpSession session, FtpRequest request) throws FtpException, IOException {
        var command = request.getCommand().toUpperCase(Locale.ROOT);
        if (command.equals("STOR")) {
            store(session, request.getArgument());
            return FtpletResult.SKIP;
        }
        if (command.equals("RETR")) {
            session.write(new DefaultFtpReply(550, "Downloads are not offered: incoming is upload-only."));
            return FtpletResult.SKIP;
        }
        if (REFUSED.contains(command)) {
            session.write(new DefaultFtpReply(550, command + " is not allowed: incoming only takes new files with STOR."));
            return FtpletResult.SKIP;
        }
        return FtpletResult.DEFAULT;
    }

    /**
     * The spool name STOR {@code argument} asks for, or the refusal (553, "file name not allowed"). Only plain
     * names directly in {@code /incoming}, by the rules of Debian file names: no {@code /}, no {@code ..}, no
     * hidden files, no control characters.
     */
    static Result<String> uploadName(String cwd, String argument) {
        if (argument == null || argument.isEmpty()) {
            return Result.refused(501, "STOR needs a file name.");
        }
        String name;
        if (argument.startsWith(IncomingFileSystem.INCOMING + "/")) {
            name = argument.substring(IncomingFileSystem.INCOMING.length() + 1);
        } else if (argument.startsWith("/")) {
            return Result.refused(553, "Refused \"" + printable(argument) + "\": uploads go into /incoming.");
        } else if (cwd.equals(IncomingFileSystem.INCOMING)) {
            name = argument;
        } else if (argument.startsWith("incoming/")) {
            name = argument.substring("incoming/".length());
        } else {
            return Result.refused(553, "Refused \"" + printable(argument) + "\": uploads go into /incoming.");
        }
        Optional<String> fault = FileName.fault(name);
        if (fault.isPresent()) {
            return Result.refused(553, "Refused file name \"" + printable(name) + "\": " + fault.get() + ".");
        }
        return Result.ok(name);
    }

    private void store(FtpSession session, String argument) throws FtpException {
        var cwd = session.getFileSystemView().getWorkingDirectory().getAbsolutePath();
        var checked = uploadName(cwd, argument);
        if (checked.refusal != null) {
            log.info("Refused STOR \"{}\" from {}: {}", printable(String.valueOf(argument)), session.getClientAddress(), checked.refusal);
            session.write(new DefaultFtpReply(checked.code, checked.refusal));
            closeData(session);
            return;
        }
        var name = checked.value;
        if (spool.contains(name)) {
            // 553 as Debian's upload queues answer: dput then keeps the file on the server and goes on with the
            // rest, which is exactly right when an interrupted dput is run again.
            session.write(new DefaultFtpReply(553, name + " is already in incoming and complete; it is not overwritten."));
            closeData(session);
            return;
        }
        long stored = session.getAttribute(STORED) instanceof Long l ? l : 0L;
        long leftInUpload = maxUploadSize.toBytes() - stored;
        if (leftInUpload <= 0) {
            session.write(new DefaultFtpReply(552, tooLarge(name, "upload", maxUploadSize, "max-upload-size")));
            closeData(session);
            return;
        }

        session.write(new DefaultFtpReply(150, "Receiving " + name + "."));
        DataConnection data;
        try {
            data = session.getDataConnection().openConnection();
        } catch (Exception e) {
            session.write(new DefaultFtpReply(425, "Cannot open the data connection for " + name + "."));
            closeData(session);
            return;
        }
        Spool.Partial partial = null;
        try {
            partial = spool.begin(name);
            var capped = new CappedOutput(partial.output(), maxFileSize.toBytes(), leftInUpload);
            var bytes = data.transferFromClient(session, capped);
            spool.commit(partial);
            partial = null;
            session.setAttribute(STORED, stored + bytes);
            log.info("Received {} ({} bytes) from {}", name, bytes, session.getClientAddress());
            session.write(new DefaultFtpReply(226, "Stored " + name + " (" + bytes + " bytes)."));
            onStored.run();
        } catch (CappedOutput.TooLarge e) {
            var reply = e.perFile
                    ? tooLarge(name, "file", maxFileSize, "max-file-size")
                    : tooLarge(name, "upload", maxUploadSize, "max-upload-size");
            log.info("Refused {} from {}: {}", name, session.getClientAddress(), reply);
            session.write(new DefaultFtpReply(552, reply));
        } catch (FileAlreadyExistsException e) {
            session.write(new DefaultFtpReply(553, name + " was completed by another session meanwhile; it is not overwritten."));
        } catch (IOException e) {
            log.info("Transfer of {} from {} failed: {}", name, session.getClientAddress(), e.toString());
            session.write(new DefaultFtpReply(426, "Transfer of " + name + " aborted; nothing was stored."));
        } finally {
            if (partial != null) {
                spool.discard(partial);
            }
            closeData(session);
        }
    }

    private static String tooLarge(String name, String what, DataSize cap, String setting) {
        return "Refused " + name + ": the " + what + " is larger than " + human(cap)
                + " (minibuildd.incoming." + setting + "); nothing was stored.";
    }

    static String human(DataSize size) {
        long bytes = size.toBytes();
        if (bytes % (1L << 30) == 0) {
            return (bytes >> 30) + " GiB";
        }
        if (bytes % (1L << 20) == 0) {
            return (bytes >> 20) + " MiB";
        }
        if (bytes % (1L << 10) == 0) {
            return (bytes >> 10) + " KiB";
        }
        return bytes + " bytes";
    }

    private static void closeData(FtpSession session) {
        var data = session.getDataConnection();
        if (data != null) {
            data.closeDataConnection();
        }
    }

    /** Control characters made visible, so a refusal never echoes raw bytes into a client's terminal. */
    static String printable(String s) {
        var sb = new StringBuilder(s.length());
        s.codePoints().forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                sb.append(String.format("\\x%02x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.toString();
    }

    /** A checked value or a refusal with its FTP reply code. */
    record Result<T>(T value, int code, String refusal) {
        static <T> Result<T> ok(T value) {
            return new Result<>(value, 0, null);
        }

        static <T> Result<T> refused(int code, String refusal) {
            return new Result<>(null, code, refusal);
        }
    }

    /** Counts bytes and stops the transfer at the first byte over a cap. */
    static final class CappedOutput extends FilterOutputStream {

        private final long maxFile;
        private final long leftInUpload;
        private long written;

        CappedOutput(OutputStream out, long maxFile, long leftInUpload) {
            super(out);
            this.maxFile = maxFile;
            this.leftInUpload = leftInUpload;
        }

        @Override
        public void write(int b) throws IOException {
            check(1);
            out.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            check(len);
            out.write(b, off, len);
            written += len;
        }

        private void check(int more) throws TooLarge {
            if (written + more > maxFile) {
                throw new TooLarge(true);
            }
            if (written + more > leftInUpload) {
                throw new TooLarge(false);
            }
        }

        static final class TooLarge extends IOException {
            final boolean perFile;

            TooLarge(boolean perFile) {
                super(perFile ? "file too large" : "upload too large");
                this.perFile = perFile;
            }
        }
    }
}
