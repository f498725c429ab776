package org.minibuildd.incoming.internal;

import java.time.Instant;

/** A complete file in the spool: only renamed there after its transfer succeeded, so it never changes again. */
record SpoolFile(String name, long size, Instant modified) {
}
