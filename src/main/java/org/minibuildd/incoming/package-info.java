/**
 * FTP incoming: the anonymous upload-only FTP server on {@code minibuildd.ftp-port}, the spool in
 * {@code home/incoming/}, complete-upload detection (a {@code .changes} plus every file it lists, checksums
 * verified, in any arrival order and across sessions), classification, and quarantine of bad uploads in
 * {@code home/rejected/}. Complete uploads go to the {@link org.minibuildd.incoming.IncomingReceiver} of their
 * {@link org.minibuildd.incoming.UploadKind}; the spool is the truth, so a restart re-scans it and loses nothing.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Incoming", allowedDependencies = {"debian", "daemon"})
package org.minibuildd.incoming;
