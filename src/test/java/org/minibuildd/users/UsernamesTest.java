package org.minibuildd.users;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class UsernamesTest {

    @Test
    void djangoRules() {
        assertThat(Usernames.isValid("admin")).isTrue();
        assertThat(Usernames.isValid("jane.doe+ci@example.org")).isTrue();
        assertThat(Usernames.isValid("under_score-dash")).isTrue();
        assertThat(Usernames.isValid("Jürgen")).isTrue();
        assertThat(Usernames.isValid("a".repeat(150))).isTrue();

        assertThat(Usernames.isValid("a".repeat(151))).isFalse();
        assertThat(Usernames.isValid("")).isFalse();
        assertThat(Usernames.isValid(null)).isFalse();
        assertThat(Usernames.isValid("with space")).isFalse();
        assertThat(Usernames.isValid("slash/")).isFalse();
        assertThat(Usernames.isValid("colon:")).isFalse();
        assertThat(Usernames.isValid("new\nline")).isFalse();
        assertThatThrownBy(() -> Usernames.check("a b")).hasMessageContaining("invalid user name \"a b\"");
    }
}
