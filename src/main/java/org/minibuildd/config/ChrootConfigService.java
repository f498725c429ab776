package org.minibuildd.config;

import java.util.List;
import java.util.Optional;

import org.minibuildd.config.internal.ChrootStore;
import org.springframework.stereotype.Service;

/** The Chroot objects as the builder needs them to make, check and upgrade chroots. */
@Service
public class ChrootConfigService {

    private final ChrootStore store;

    ChrootConfigService(ChrootStore store) {
        this.store = store;
    }

    /** The chroot {@code <codename>:<arch>}; empty when there is none. */
    public Optional<ChrootConfig> chroot(String codename, String architecture) {
        return store.chroot(codename, architecture);
    }

    /** {@code <codename>:<arch>} of the ACTIVE chroots, as {@code status} lists them and builds may use them. */
    public List<String> activeKeys() {
        return store.activeKeys();
    }

    /** Every Chroot object, whatever its status. */
    public List<ObjectRef> all() {
        return store.all();
    }
}
