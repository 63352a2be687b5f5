package org.memberhub.api.me;

import java.util.function.Function;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.memberhub.api.error.ApiException;
import org.memberhub.api.points.LoyaltyReads;
import org.memberhub.api.security.SecurityProperties;
import org.memberhub.kernel.consistency.ConsistencyToken;
import org.memberhub.kernel.error.DomainException;
import org.memberhub.kernel.error.ErrorCode;
import org.memberhub.kernel.member.FindMemberQuery;
import org.memberhub.kernel.member.IsCurrentMemberQuery;
import org.memberhub.kernel.member.MemberId;
import org.memberhub.kernel.member.MemberStatus;
import org.memberhub.kernel.member.MemberView;
import org.springframework.http.HttpStatus;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.stereotype.Component;

/**
 * The member a self-service token is bound to (its {@code member_id} claim), and the one rule for reading it: a
 * token bound to no member, or to one that never existed, is refused ({@code 403 MEMBER_BINDING_MISSING}), never
 * answered with empty lists; a deleted member is told so ({@code 404 MEMBER_DELETED}) on every read.
 */
@Component
class TokenMember {

    static final String BINDING_MISSING = "MEMBER_BINDING_MISSING";

    private final QueryGateway queries;
    private final LoyaltyReads reads;
    private final String memberClaim;

    TokenMember(QueryGateway queries, LoyaltyReads reads, SecurityProperties security) {
        this.queries = queries;
        this.reads = reads;
        this.memberClaim = security.memberClaim();
    }

    /** The member the token is bound to; a member token without a valid binding is refused. */
    MemberId id(Jwt token) {
        String claim = token.getClaimAsString(memberClaim);
        try {
            return MemberId.of(claim);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.FORBIDDEN, BINDING_MISSING, memberClaim);
        }
    }

    /**
     * A read of the token's member. Whether the member exists is asked of the command side only when the read found
     * nothing, so a member whose read model is still behind gets the read's own answer.
     */
    <T> T read(Jwt token, Function<MemberId, T> read) {
        MemberId me = id(token);
        try {
            return read.apply(me);
        } catch (DomainException gone) {
            if (gone.code() == ErrorCode.MEMBER_NOT_FOUND
                    && !Boolean.TRUE.equals(queries.query(new IsCurrentMemberQuery(me), Boolean.class)
                            .join())) {
                throw new ApiException(HttpStatus.FORBIDDEN, BINDING_MISSING, memberClaim);
            }
            throw gone;
        }
    }

    /**
     * The token's member as the member read model shows it (once it reflects {@code awaiting}); a deleted member is
     * refused with {@code 404 MEMBER_DELETED}.
     */
    MemberView member(Jwt token, ConsistencyToken awaiting) {
        MemberView member = read(token, me -> queries.query(
                        new FindMemberQuery(me, awaiting), ResponseTypes.optionalInstanceOf(MemberView.class))
                .join()
                .orElseThrow(() -> new DomainException(ErrorCode.MEMBER_NOT_FOUND, me.toString())));
        if (member.status() == MemberStatus.DELETED) {
            throw new DomainException(ErrorCode.MEMBER_DELETED, member.id().toString());
        }
        return member;
    }

    /** The token's member, once it is known to exist and not be deleted (see {@link #read}). */
    MemberId readable(Jwt token) {
        return read(token, me -> {
            reads.requireReadable(me, null);
            return me;
        });
    }
}
