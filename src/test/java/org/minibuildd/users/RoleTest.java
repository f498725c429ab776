package org.minibuildd.users;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RoleTest {

    @Test
    void adminIncludesStaffIncludesUser() {
        assertThat(Role.ADMIN.includes(Role.STAFF)).isTrue();
        assertThat(Role.ADMIN.includes(Role.USER)).isTrue();
        assertThat(Role.STAFF.includes(Role.USER)).isTrue();
        assertThat(Role.STAFF.includes(Role.ADMIN)).isFalse();
        assertThat(Role.USER.includes(Role.STAFF)).isFalse();
        assertThat(Role.USER.includes(Role.USER)).isTrue();
        assertThat(Role.ADMIN.included()).containsExactly(Role.USER, Role.STAFF, Role.ADMIN);
        assertThat(Role.USER.included()).containsExactly(Role.USER);
        assertThat(Role.STAFF.authority()).isEqualTo("ROLE_STAFF");
    }
}
