package org.minibuildd.remote.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A Remote's wake command becomes an argv without a shell: blanks split, quotes keep them. */
class RemoteWakeCommandTest {

    @Test
    void blanksSplitAndQuotesKeepThem() {
        assertThat(RemoteHooks.split("  /usr/bin/wakeonlan -i 10.0.0.255   00:11:22:33:44:55 "))
                .containsExactly("/usr/bin/wakeonlan", "-i", "10.0.0.255", "00:11:22:33:44:55");
        assertThat(RemoteHooks.split("ssh gw 'etherwake -i eth0 \"x y\"' ''"))
                .containsExactly("ssh", "gw", "etherwake -i eth0 \"x y\"", "");
    }

    @Test
    void anUnclosedQuoteIsRefused() {
        assertThatThrownBy(() -> RemoteHooks.split("wake 'host")).hasMessageContaining("unclosed quote");
    }
}
