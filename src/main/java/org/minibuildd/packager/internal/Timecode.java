package org.minibuildd.packager.internal;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** mini-buildd's timecode of an upload, {@code YYYYMMDD:HHMMSS:microseconds} in UTC; part of every key. */
final class Timecode {

    private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyyMMdd:HHmmss:SSSSSS").withZone(ZoneOffset.UTC);

    private Timecode() {
    }

    static String of(Instant instant) {
        return FORMAT.format(instant);
    }
}
