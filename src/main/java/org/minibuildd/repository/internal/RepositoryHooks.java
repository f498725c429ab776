package org.minibuildd.repository.internal;

import java.util.List;

import org.minibuildd.config.ObjectRef;
import org.minibuildd.config.ObjectType;
import org.minibuildd.config.RepositoryConfig;
import org.minibuildd.config.RepositoryService;
import org.minibuildd.config.SourceRef;
import org.minibuildd.config.StatusHooks;
import org.minibuildd.repository.RepositoryException;
import org.springframework.stereotype.Component;

/**
 * A Repository's data on the system is its reprepro repository: prepared and synced alike (packages are kept),
 * checked with reprepro and the signatures, moved aside on remove. It needs the sources of its distributions.
 */
@Component
class RepositoryHooks implements StatusHooks {

    private final RepositoryService repositories;
    private final RepositoryDisk disk;

    RepositoryHooks(RepositoryService repositories, RepositoryDisk disk) {
        this.repositories = repositories;
        this.disk = disk;
    }

    @Override
    public ObjectType type() {
        return ObjectType.REPOSITORY;
    }

    @Override
    public List<ObjectRef> dependencies(ObjectRef object) {
        return config(object).sources().stream().map(SourceRef::object).toList();
    }

    @Override
    public void prepare(ObjectRef object) {
        disk.update(config(object));
    }

    /** mini-buildd syncs a repository by preparing it again: removing would lose its packages. */
    @Override
    public void sync(ObjectRef object) {
        disk.update(config(object));
    }

    @Override
    public void check(ObjectRef object) {
        disk.check(config(object));
    }

    @Override
    public void remove(ObjectRef object) {
        disk.remove(object.key());
    }

    private RepositoryConfig config(ObjectRef object) {
        return repositories.config(object.key())
                .orElseThrow(() -> new RepositoryException("there is no repository \"" + object.key() + "\""));
    }
}
