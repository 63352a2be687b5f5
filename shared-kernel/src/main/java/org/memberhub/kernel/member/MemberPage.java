package org.memberhub.kernel.member;

import java.util.List;

public record MemberPage(List<MemberView> items, int page, int size, long total) {}
