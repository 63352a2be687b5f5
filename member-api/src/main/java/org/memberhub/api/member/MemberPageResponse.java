package org.memberhub.api.member;

import java.util.List;

record MemberPageResponse(List<MemberResponse> items, int page, int size, long total) {}
