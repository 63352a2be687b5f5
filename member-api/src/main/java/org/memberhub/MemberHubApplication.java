package org.memberhub;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

@SpringBootApplication
@ConfigurationPropertiesScan
public class MemberHubApplication {

    public static void main(String[] args) {
        SpringApplication.run(MemberHubApplication.class, args);
    }
}
