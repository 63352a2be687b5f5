package org.memberhub.kernel.activity;

import java.util.List;

public record ParticipantPage(List<Participant> items, int page, int size, long total) {}
