package org.memberhub.command.member;

import java.util.HashSet;
import java.util.Set;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.MemberProfile;

/** A profile value that no two members may share. Values are in canonical form (see ProfileRules). */
public record UniqueKey(Type type, String value) {

    public enum Type {
        MOBILE(ErrorCode.DUPLICATE_MOBILE),
        EMAIL(ErrorCode.DUPLICATE_EMAIL),
        EXTERNAL_REF(ErrorCode.DUPLICATE_EXTERNAL_REF);

        private final ErrorCode duplicateCode;

        Type(ErrorCode duplicateCode) {
            this.duplicateCode = duplicateCode;
        }

        public ErrorCode duplicateCode() {
            return duplicateCode;
        }
    }

    static Set<UniqueKey> of(MemberProfile profile) {
        Set<UniqueKey> keys = new HashSet<>();
        keys.add(new UniqueKey(Type.MOBILE, profile.mobile()));
        if (profile.email() != null) {
            keys.add(new UniqueKey(Type.EMAIL, profile.email()));
        }
        if (profile.externalRef() != null) {
            keys.add(new UniqueKey(Type.EXTERNAL_REF, profile.externalRef()));
        }
        return keys;
    }
}
