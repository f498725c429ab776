package org.minibuildd.config;

import java.util.List;

import org.minibuildd.config.internal.ListingStore;
import org.springframework.stereotype.Service;

/** Lists the configuration objects that have a status lifecycle, per type, for the configuration editors. */
@Service
public class ConfigObjectService {

    private final ListingStore listing;

    ConfigObjectService(ListingStore listing) {
        this.listing = listing;
    }

    public List<ConfigObject> list(ObjectType type) {
        return listing.list(type);
    }

    /** The object as lists show it now, e.g. after an action on it. */
    public java.util.Optional<ConfigObject> find(ObjectRef ref) {
        return listing.list(ref.type()).stream().filter(o -> o.ref().equals(ref)).findFirst();
    }
}
