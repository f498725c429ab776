package org.minibuildd.daemon;

/**
 * Who this mini-buildd is, as other instances, dput and apt see it.
 *
 * @param identity    instance identity: names the keyring package, the Origin and the dput target
 * @param version     the daemon's version
 * @param hostname    the host name used in URLs
 * @param url         HTTP endpoint, e.g. {@code http://build.example.org:8066}
 * @param incomingUrl FTP incoming, e.g. {@code ftp://build.example.org:8067}
 */
public record Instance(String identity, String version, String hostname, String url, String incomingUrl) {
}
