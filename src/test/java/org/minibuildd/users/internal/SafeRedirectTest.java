package org.minibuildd.users.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.mock.web.MockHttpServletRequest;

class SafeRedirectTest {

    private static MockHttpServletRequest request() {
        var request = new MockHttpServletRequest("POST", "/accounts/login/");
        request.setScheme("http");
        request.setServerName("build.example.org");
        request.setServerPort(8066);
        return request;
    }

    @ParameterizedTest
    @ValueSource(strings = {"/", "/accounts/null/", "/mini_buildd/api/status/?output=html", "http://build.example.org:8066/accounts/null/",
            "HTTP://BUILD.example.org:8066/x"})
    void localTargetsAreFollowed(String next) {
        assertThat(SafeRedirect.target(request(), next)).contains(next);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "http://evil.example/", "//evil.example/", "/\\evil.example", "\\\\evil.example", "https://build.example.org:8066/",
            "http://build.example.org/", "http://build.example.org:8067/", "http://evil@build.example.org:8066/", "javascript:alert(1)",
            "accounts/null/", "http:/accounts/null/", "/a\r\nLocation: http://evil.example/", "data:text/html,x"})
    void everythingElseIsRefused(String next) {
        assertThat(SafeRedirect.target(request(), next)).isEmpty();
    }
}
