package org.minibuildd.incoming.internal;

import java.time.Clock;

import org.apache.ftpserver.ftplet.FtpException;
import org.minibuildd.daemon.Home;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.minibuildd.incoming.IncomingReceiver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Starts incoming with the daemon and stops it first: the spool is recovered and scanned before the FTP port
 * opens (so what a {@code kill -9} left is handled at once), and on stop the port closes before the scanner
 * ends. Runs in the last phase, after everything a receiver needs is up.
 */
@Component
public class IncomingLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(IncomingLifecycle.class);

    private final IncomingEngine engine;
    private final IncomingFtpServer ftp;
    private final boolean listen;
    private volatile boolean running;

    IncomingLifecycle(MiniBuilddSettings settings, Home home, ObjectProvider<IncomingReceiver> receivers) {
        var incoming = settings.incoming();
        var spool = new Spool(home.incoming());
        this.engine = new IncomingEngine(spool,
                new Detector(spool, incoming.missingTimeout(), incoming.strayTimeout()),
                new Quarantine(home.rejected(), spool),
                receivers.orderedStream().toList(), incoming.scanInterval(), incoming.partialTimeout(),
                Clock.systemUTC());
        this.listen = incoming.listen();
        this.ftp = new IncomingFtpServer(settings.ftpPort(),
                new UploadFtplet(spool, incoming.maxFileSize(), incoming.maxUploadSize(), engine::trigger));
    }

    @Override
    public synchronized void start() {
        engine.start();
        if (!listen) {
            log.info("FTP incoming is off (minibuildd.incoming.listen=false); the spool is still scanned");
            running = true;
            return;
        }
        try {
            ftp.start();
        } catch (FtpException e) {
            engine.stop();
            throw new IllegalStateException("cannot start FTP incoming: " + e.getMessage(), e);
        }
        running = true;
    }

    @Override
    public synchronized void stop() {
        ftp.stop();
        engine.stop();
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Scans the spool now and waits for the scan (for tests and operators). */
    public void scanNow() {
        engine.scan();
    }
}
