package dev.recoverydesk.system;

import org.springframework.http.HttpMethod;

/**
 * An API endpoint anyone may call without signing in, declared by the module that owns it (a bean
 * of this type); everything else under {@code /api/**} needs HTTP Basic.
 *
 * @param pattern a path pattern such as {@code /api/accounts/*}{@code /backup-codes/verify}
 */
public record PublicEndpoint(HttpMethod method, String pattern) {}
