package org.minibuildd.builder;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.minibuildd.builder.ChrootProgress.Phase;
import org.minibuildd.builder.internal.ChrootBoard;
import org.minibuildd.builder.internal.ChrootMaker;
import org.minibuildd.builder.internal.DebootstrapLog;
import org.minibuildd.config.ChrootConfigService;
import org.minibuildd.config.ConfigActions;
import org.minibuildd.config.LifecycleException;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.springframework.stereotype.Service;

/** Chroots as other features and the UI see them: names, live progress of their making, and the upgrade. */
@Service
public class ChrootService {

    private final ChrootConfigService configs;
    private final ChrootMaker maker;
    private final ChrootBoard board;
    private final ConfigActions actions;

    ChrootService(ChrootConfigService configs, ChrootMaker maker, ChrootBoard board, ConfigActions actions) {
        this.configs = configs;
        this.maker = maker;
        this.board = board;
        this.actions = actions;
    }

    /** Keys ({@code <codename>:<arch>}) of every Chroot object, whatever its status. */
    public List<String> keys() {
        return configs.all().stream().map(ObjectRef::key).toList();
    }

    /**
     * mini-buildd's {@code remake_chroots}: the chroot is removed and made anew from its configuration (prepare,
     * check, activate), e.g. after it broke or to start again from a fresh debootstrap. Each chroot is remade on
     * its own: a failure is reported in its outcome and the others are still remade.
     */
    public List<RemadeChroot> remake(List<String> keys) {
        var known = keys();
        for (var key : keys) {
            if (!known.contains(key)) {
                throw new ChrootException("there is no chroot " + key + " (chroots: " + String.join(", ", known) + ")");
            }
        }
        return keys.stream().distinct().map(this::remake).toList();
    }

    private RemadeChroot remake(String key) {
        var chroot = new ObjectRef(ObjectType.CHROOT, key);
        String message;
        try {
            actions.run(ConfigActions.Action.REMOVE, chroot);
            actions.run(ConfigActions.Action.PCA, chroot);
            message = "remade: removed, prepared, checked and activated";
        } catch (LifecycleException e) {
            // ConfigActions logged it and kept the failed states; the caller reads the reason here.
            message = e.getMessage();
        }
        return new RemadeChroot(key, actions.state(chroot).status().name(), message);
    }

    /** {@code <schroot prefix>-<codename>-<arch>}, the schroot name this instance's builds use. */
    public String schrootName(String codename, String architecture) {
        return maker.paths(codename, architecture).name();
    }

    /** What is being done to the chroot now; while debootstrap runs, the fraction follows its log. */
    public ChrootProgress progress(String codename, String architecture) {
        var entry = board.get(codename, architecture);
        var logFile = maker.paths(codename, architecture).log();
        var debootstrap = DebootstrapLog.of(lines(logFile));
        return switch (entry.phase()) {
            case DEBOOTSTRAP -> new ChrootProgress(Phase.DEBOOTSTRAP, debootstrap.fraction(), debootstrap.packages(),
                    entry.message() + (debootstrap.last().isEmpty() ? "" : ": " + debootstrap.last()), logFile);
            case SEEDING -> new ChrootProgress(entry.phase(), 0.5, 0, entry.message(), logFile);
            case CONFIGURING, PACKAGING -> new ChrootProgress(entry.phase(), 0.99, debootstrap.packages(), entry.message(), logFile);
            case DONE -> new ChrootProgress(entry.phase(), 1, debootstrap.packages(), entry.message(), logFile);
            default -> new ChrootProgress(entry.phase(), debootstrap.fraction(), debootstrap.packages(), entry.message(), logFile);
        };
    }

    /** {@code apt-get update && dist-upgrade} in the base chroot, so builds start from current packages. */
    public void upgrade(String codename, String architecture) {
        var config = configs.chroot(codename, architecture)
                .orElseThrow(() -> new ChrootException("there is no chroot " + codename + ":" + architecture));
        maker.upgrade(config);
    }

    private static List<String> lines(java.nio.file.Path file) {
        try {
            return Files.exists(file) ? Files.readAllLines(file, StandardCharsets.UTF_8) : List.of();
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of();
        }
    }
}
