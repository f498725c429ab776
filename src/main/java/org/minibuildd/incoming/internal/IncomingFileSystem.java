package org.minibuildd.incoming.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.List;

import org.apache.ftpserver.ftplet.FileSystemFactory;
import org.apache.ftpserver.ftplet.FileSystemView;
import org.apache.ftpserver.ftplet.FtpFile;
import org.apache.ftpserver.ftplet.User;

/**
 * What FTP clients see: {@code /} holding the directory {@code /incoming}, and nothing else: the spool's files are
 * never shown, so no one lists or fetches another's upload. Storing is {@link UploadFtplet}'s job; this view only
 * answers CWD, PWD and listings (which are empty).
 */
final class IncomingFileSystem implements FileSystemFactory {

    static final String INCOMING = "/incoming";

    @Override
    public FileSystemView createFileSystemView(User user) {
        return new View();
    }

    /** {@code path} made absolute against {@code cwd} with {@code .}, {@code ..} and repeated slashes resolved. */
    static String normalize(String cwd, String path) {
        var parts = new ArrayDeque<String>();
        var full = path.startsWith("/") ? path : cwd + "/" + path;
        for (var part : full.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }

    private static final class View implements FileSystemView {

        private String cwd = "/";

        @Override
        public FtpFile getHomeDirectory() {
            return file("/");
        }

        @Override
        public FtpFile getWorkingDirectory() {
            return file(cwd);
        }

        @Override
        public boolean changeWorkingDirectory(String dir) {
            var target = normalize(cwd, dir);
            if (target.equals("/") || target.equals(INCOMING)) {
                cwd = target;
                return true;
            }
            return false;
        }

        @Override
        public FtpFile getFile(String file) {
            return file(normalize(cwd, file));
        }

        @Override
        public boolean isRandomAccessible() {
            return false;
        }

        @Override
        public void dispose() {
        }

        private static VirtualFile file(String path) {
            return new VirtualFile(path, path.equals("/") || path.equals(INCOMING));
        }
    }

    /** {@code /} and {@code /incoming} exist (as directories); any other path does not. */
    private record VirtualFile(String path, boolean directory) implements FtpFile {

        @Override
        public String getAbsolutePath() {
            return path;
        }

        @Override
        public String getName() {
            return path.equals("/") ? "/" : path.substring(path.lastIndexOf('/') + 1);
        }

        @Override
        public boolean isHidden() {
            return false;
        }

        @Override
        public boolean isDirectory() {
            return directory;
        }

        @Override
        public boolean isFile() {
            return false;
        }

        @Override
        public boolean doesExist() {
            return directory;
        }

        @Override
        public boolean isReadable() {
            return directory;
        }

        @Override
        public boolean isWritable() {
            return false;
        }

        @Override
        public boolean isRemovable() {
            return false;
        }

        @Override
        public String getOwnerName() {
            return "mini-buildd";
        }

        @Override
        public String getGroupName() {
            return "mini-buildd";
        }

        @Override
        public int getLinkCount() {
            return directory ? 2 : 1;
        }

        @Override
        public long getLastModified() {
            return 0;
        }

        @Override
        public boolean setLastModified(long time) {
            return false;
        }

        @Override
        public long getSize() {
            return 0;
        }

        @Override
        public Object getPhysicalFile() {
            return null;
        }

        @Override
        public boolean mkdir() {
            return false;
        }

        @Override
        public boolean delete() {
            return false;
        }

        @Override
        public boolean move(FtpFile destination) {
            return false;
        }

        @Override
        public List<? extends FtpFile> listFiles() {
            if (path.equals("/")) {
                return List.of(new VirtualFile(INCOMING, true));
            }
            return directory ? List.of() : null;
        }

        @Override
        public OutputStream createOutputStream(long offset) throws IOException {
            throw new IOException("incoming is written by STOR only");
        }

        @Override
        public InputStream createInputStream(long offset) throws IOException {
            throw new IOException("incoming offers no downloads");
        }
    }
}
