package dev.recoverydesk.verification;

import java.util.List;

/**
 * How well answers match an account, 0–100, with the reason for every point: an agent must be able
 * to see why, not only how much.
 */
public record IdentityScore(int total, List<Line> breakdown) {

  /** One question's part of the score. */
  public record Line(int question, int points, int maxPoints, String why) {}

  public String recommendation() {
    if (total >= 70) {
      return "APPROVE";
    }
    return total < 40 ? "REJECT" : "REVIEW";
  }
}
