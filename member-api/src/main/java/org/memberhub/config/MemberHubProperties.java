package org.memberhub.config;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Application-wide settings.
 *
 * @param timeZone the business time zone: calendar dates in requests (join-date filters, birthdays) and tenure are
 *     read in it
 */
@ConfigurationProperties("memberhub")
public record MemberHubProperties(@DefaultValue("Asia/Shanghai") ZoneId timeZone) {}
