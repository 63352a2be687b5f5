package org.memberhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MemberHubApplication {

    private static final String AXON_UPDATE_CHECK_OPT_OUT = "axoniq.update-checker.disabled";

    public static void main(String[] args) {
        // Axon reports anonymous usage to AxonIQ unless told not to; a service holding personal data does not phone
        // home unless its operator opts in (-Daxoniq.update-checker.disabled=false)
        if (System.getProperty(AXON_UPDATE_CHECK_OPT_OUT) == null
                && System.getenv("AXONIQ_UPDATE_CHECKER_DISABLED") == null) {
            System.setProperty(AXON_UPDATE_CHECK_OPT_OUT, "true");
        }
        SpringApplication.run(MemberHubApplication.class, args);
    }
}
