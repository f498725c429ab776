package org.minibuildd.builder.internal;

import java.util.List;

import org.minibuildd.builder.ChrootException;
import org.minibuildd.config.ChrootConfig;
import org.minibuildd.config.ChrootConfigService;
import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.StatusHooks;
import org.springframework.stereotype.Component;

/**
 * A Chroot's data on the system is its chroot: prepared with debootstrap (or from the seed), checked with
 * schroot and apt, removed with its schroot config. It needs its Source. Sync after a change is mini-buildd's:
 * remove and prepare again.
 */
@Component
class ChrootHooks implements StatusHooks {

    private final ChrootConfigService configs;
    private final ChrootMaker maker;

    ChrootHooks(ChrootConfigService configs, ChrootMaker maker) {
        this.configs = configs;
        this.maker = maker;
    }

    @Override
    public ObjectType type() {
        return ObjectType.CHROOT;
    }

    @Override
    public List<ObjectRef> dependencies(ObjectRef object) {
        return configs.chroot(codename(object), architecture(object)).map(c -> c.source().object()).stream().toList();
    }

    @Override
    public void prepare(ObjectRef object) {
        maker.prepare(config(object));
    }

    @Override
    public void check(ObjectRef object) {
        maker.check(config(object));
    }

    @Override
    public void remove(ObjectRef object) {
        maker.remove(codename(object), architecture(object));
    }

    private ChrootConfig config(ObjectRef object) {
        return configs.chroot(codename(object), architecture(object))
                .orElseThrow(() -> new ChrootException("there is no chroot " + object.key()));
    }

    /** Chroot keys are {@code <codename>:<arch>}. */
    private static String codename(ObjectRef object) {
        return object.key().substring(0, object.key().indexOf(':'));
    }

    private static String architecture(ObjectRef object) {
        return object.key().substring(object.key().indexOf(':') + 1);
    }
}
