package org.minibuildd.users.internal;

import com.vaadin.flow.spring.security.NavigationAccessControlConfigurer;
import com.vaadin.flow.spring.security.VaadinSecurityConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Who may reach what over HTTP.
 * <ul>
 * <li>The API ({@code /mini_buildd/api/**}) is open at the HTTP level: each call decides by its authorization
 * level. Callers identify with the session of a form login or with HTTP Basic ({@code curl -u admin:…}).</li>
 * <li>Everything else: Vaadin's integration (views decide by their access annotations), the form login at
 * {@code /accounts/login/} that mini-buildd's clients speak, logout at {@code /accounts/logout/}.</li>
 * </ul>
 * CSRF: Django's names, because mini-buildd's client reads the {@code csrftoken} cookie and posts its value as
 * {@code csrfmiddlewaretoken}. That raw value must be accepted as is, so the plain request handler, not Spring
 * Security's default XOR-masking one.
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class SecurityConfiguration {

    static final String API = "/mini_buildd/api/**";

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /**
     * Views decide by their access annotations; an anonymous visitor of a view that needs a login is sent to the
     * plain login page (and back after it), not shown a "could not navigate" page.
     */
    @Bean
    static NavigationAccessControlConfigurer navigationAccessControlConfigurer() {
        return new NavigationAccessControlConfigurer().withAnnotatedViewAccessChecker().withLoginView(AccountPages.LOGIN);
    }

    @Bean
    @Order(1)
    SecurityFilterChain apiChain(HttpSecurity http, JsonMapper json) throws Exception {
        return http.securityMatcher(API)
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .httpBasic(basic -> basic.authenticationEntryPoint(new ProblemEntryPoint(json)))
                .csrf(SecurityConfiguration::djangoCsrf)
                // An API call never is a page to come back to after a login.
                .requestCache(cache -> cache.disable())
                .build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain webChain(HttpSecurity http) throws Exception {
        return http
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/accounts/**", "/mini_buildd/**", "/static/**").permitAll())
                .csrf(SecurityConfiguration::djangoCsrf)
                // Our own form login, not Vaadin's loginView(): that one also exempts the login POST from CSRF checks.
                .formLogin(form -> form.loginPage(AccountPages.LOGIN).permitAll()
                        .successHandler(LoginHandlers.success()).failureHandler(LoginHandlers.failure()))
                .logout(logout -> logout.logoutUrl(AccountPages.LOGOUT).logoutSuccessUrl("/"))
                .with(VaadinSecurityConfigurer.vaadin(), Customizer.withDefaults())
                .build();
    }

    private static void djangoCsrf(CsrfConfigurer<HttpSecurity> csrf) {
        var tokens = new CookieCsrfTokenRepository();
        tokens.setCookieName("csrftoken");
        tokens.setParameterName("csrfmiddlewaretoken");
        tokens.setHeaderName("X-CSRFToken");
        tokens.setCookieCustomizer(cookie -> cookie.sameSite("Lax"));
        csrf.csrfTokenRepository(tokens).csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler());
    }
}
