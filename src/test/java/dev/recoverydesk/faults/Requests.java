package dev.recoverydesk.faults;

import dev.recoverydesk.cluster.LockedOutUsers;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every answer the desk gave to a request for a case, as its user saw it: accepted ({@code 202}),
 * refused cleanly for now ({@code 503} problem+json, tried again by the user), or anything else,
 * which is a failure of the run.
 */
final class Requests {

  final AtomicLong accepted = new AtomicLong();
  final AtomicLong unavailable = new AtomicLong();
  final AtomicLong unanswered = new AtomicLong();
  final List<String> unclean = new CopyOnWriteArrayList<>();

  /** The case's id once the desk accepts the request, or empty to try again. */
  Optional<String> open(DeskCalls desk, String username, String address) {
    var response =
        desk.post("/api/recovery-requests", null, LockedOutUsers.request(username, address));
    if (response.isEmpty()) {
      unanswered.incrementAndGet();
      return Optional.empty();
    }
    var answer = response.get();
    if (answer.statusCode() == 202) {
      accepted.incrementAndGet();
      return Optional.of(DeskCalls.field(answer, "caseId"));
    }
    if (answer.statusCode() == 503 && isProblem(answer)) {
      unavailable.incrementAndGet();
      return Optional.empty();
    }
    unclean.add(
        answer.statusCode()
            + " "
            + answer.headers().firstValue("Content-Type").orElse("")
            + " "
            + answer.body().substring(0, Math.min(300, answer.body().length())));
    return Optional.empty();
  }

  static boolean isProblem(HttpResponse<String> answer) {
    return answer
        .headers()
        .firstValue("Content-Type")
        .filter(type -> type.startsWith("application/problem+json"))
        .isPresent();
  }
}
