package org.minibuildd.api.internal.calls;

import java.util.function.Supplier;

import org.minibuildd.api.ApiException;
import org.minibuildd.repository.RepositoryRefusal;

/** A repository's refusal of what was asked is the caller's mistake: 400 with its reason, as mini-buildd answers. */
final class RepositoryRefusals {

    private RepositoryRefusals() {
    }

    static <T> T answer(Supplier<T> work) {
        try {
            return work.get();
        } catch (RepositoryRefusal e) {
            throw new ApiException(400, "Bad Request", e.getMessage());
        }
    }
}
