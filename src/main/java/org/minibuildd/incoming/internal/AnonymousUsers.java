package org.minibuildd.incoming.internal;

import java.util.List;

import org.apache.ftpserver.ftplet.AuthenticationFailedException;
import org.apache.ftpserver.ftplet.Authentication;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.ftplet.User;
import org.apache.ftpserver.ftplet.UserManager;
import org.apache.ftpserver.usermanager.AnonymousAuthentication;
import org.apache.ftpserver.usermanager.UsernamePasswordAuthentication;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.ConcurrentLoginPermission;
import org.apache.ftpserver.usermanager.impl.TransferRatePermission;

/**
 * The one FTP user: {@code anonymous}, as dput and dput-ng log in (any password). What it may do is decided by
 * {@link UploadFtplet} and the virtual file system, not by FtpServer's authorities, which cannot say "write only
 * under /incoming".
 */
final class AnonymousUsers implements UserManager {

    private final BaseUser anonymous = new BaseUser();

    AnonymousUsers(int maxSessions, int maxSessionsPerAddress, int idleSeconds) {
        anonymous.setName(ANONYMOUS);
        anonymous.setHomeDirectory("/");
        anonymous.setEnabled(true);
        anonymous.setMaxIdleTime(idleSeconds);
        anonymous.setAuthorities(List.of(new ConcurrentLoginPermission(maxSessions, maxSessionsPerAddress),
                new TransferRatePermission(0, 0)));
    }

    @Override
    public User getUserByName(String name) {
        return ANONYMOUS.equals(name) ? anonymous : null;
    }

    @Override
    public String[] getAllUserNames() {
        return new String[] {ANONYMOUS};
    }

    @Override
    public void delete(String name) throws FtpException {
        throw new FtpException("the FTP users of incoming are fixed");
    }

    @Override
    public void save(User user) throws FtpException {
        throw new FtpException("the FTP users of incoming are fixed");
    }

    @Override
    public boolean doesExist(String name) {
        return ANONYMOUS.equals(name);
    }

    @Override
    public User authenticate(Authentication authentication) throws AuthenticationFailedException {
        if (authentication instanceof AnonymousAuthentication
                || authentication instanceof UsernamePasswordAuthentication login && ANONYMOUS.equals(login.getUsername())) {
            return anonymous;
        }
        throw new AuthenticationFailedException("incoming takes anonymous uploads only");
    }

    @Override
    public String getAdminName() {
        // No administrator: a name no one can log in with.
        return "";
    }

    @Override
    public boolean isAdmin(String name) {
        return false;
    }
}
