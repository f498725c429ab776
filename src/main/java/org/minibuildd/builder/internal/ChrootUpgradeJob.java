package org.minibuildd.builder.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.minibuildd.builder.ChrootService;
import org.minibuildd.config.ChrootConfigService;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.daemon.MiniBuilddSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * Upgrades every active chroot at {@code minibuildd.chroots.upgrade-interval} (daily by default): the reference
 * never does, so each of its builds downloads and installs the same updates again. The first run is one interval
 * after start; a failing chroot is logged and the others still get their turn.
 */
@Component
class ChrootUpgradeJob implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ChrootUpgradeJob.class);

    private final ChrootConfigService configs;
    private final ConfigActions actions;
    private final ChrootService chroots;
    private final java.time.Duration interval;
    private volatile ScheduledExecutorService scheduler;

    ChrootUpgradeJob(ChrootConfigService configs, ConfigActions actions, ChrootService chroots, MiniBuilddSettings settings) {
        this.configs = configs;
        this.actions = actions;
        this.chroots = chroots;
        this.interval = settings.chroots().upgradeInterval();
    }

    void upgradeActive() {
        for (var chroot : configs.all()) {
            if (!actions.state(chroot).isActive()) {
                continue;
            }
            var key = chroot.key();
            try {
                chroots.upgrade(key.substring(0, key.indexOf(':')), key.substring(key.indexOf(':') + 1));
            } catch (RuntimeException e) {
                log.warn("daily upgrade of chroot {} failed: {}", key, e.getMessage());
            }
        }
    }

    @Override
    public void start() {
        if (interval.isZero() || interval.isNegative()) {
            return;
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(Thread.ofVirtual().name("chroot-upgrade").factory());
        scheduler.scheduleWithFixedDelay(this::upgradeActive, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() {
        var current = scheduler;
        if (current != null) {
            current.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public boolean isRunning() {
        return scheduler != null;
    }
}
