package dev.recoverydesk.recovery.intake;

import dev.recoverydesk.common.EmailAddress;
import dev.recoverydesk.recovery.CasePolicy;
import dev.recoverydesk.recovery.intake.IntakeLimited.Limit;
import dev.recoverydesk.system.TokenSigner;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import jakarta.servlet.http.HttpServletRequest;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The budgets of requests that are not an account's: how many requests one contact address may be
 * sent mail for ({@code max-per-contact} per {@code window}), and how many one client may make over
 * HTTP ({@code max-per-client} per {@code client-window}). Each is a token bucket that fills again
 * steadily over its period, kept in the database so that every node spends the same budget.
 *
 * <p>Bucket ids are keyed digests: the table holds no address and no IP.
 */
@Component
class IntakeLimits {

  /**
   * Starts with a hex digit or a colon and has a colon: {@link InetAddress#getByName} parses such
   * text as an IPv6 literal or refuses it, and never asks DNS.
   */
  private static final Pattern IPV6 = Pattern.compile("(?=.*:)[0-9A-Fa-f:][0-9A-Fa-f:.]*");

  private final ProxyManager<String> buckets;
  private final TokenSigner signer;
  private final Budget perContact;
  private final Budget perClient;

  @Autowired
  IntakeLimits(IntakeBuckets buckets, CasePolicy policy, TokenSigner signer) {
    this(buckets.store(), policy, signer);
  }

  IntakeLimits(ProxyManager<String> buckets, CasePolicy policy, TokenSigner signer) {
    this.buckets = buckets;
    this.signer = signer;
    this.perContact = new Budget("contact", policy.maxPerContact(), policy.window());
    this.perClient = new Budget("client", policy.maxPerClient(), policy.clientWindow());
  }

  /** Spends one of the contact address's requests, or refuses the request. */
  void contact(EmailAddress contact) {
    spend(perContact, mailbox(contact), Limit.CONTACT);
  }

  /** Spends one of the client's requests, or refuses the request. */
  void client(String client) {
    spend(perClient, client, Limit.CLIENT);
  }

  /**
   * Who the per-client limit counts: the address the request came from. Only when {@code
   * server.forward-headers-strategy} is set does Tomcat ({@code native}) or Spring's filter ({@code
   * framework}) put the forwarded client there; otherwise a forwarded header is just text the
   * client wrote, and is never read. An IPv6 client counts by its {@code /64}, the block one
   * customer usually holds.
   */
  static String clientOf(HttpServletRequest request) {
    var address = String.valueOf(request.getRemoteAddr());
    if (IPV6.matcher(address).matches()) {
      try {
        var parsed = InetAddress.getByName(address);
        if (parsed instanceof Inet4Address four) {
          // An IPv4-mapped address is that IPv4 client.
          return four.getHostAddress();
        }
        if (parsed instanceof Inet6Address six) {
          var prefix = six.getAddress();
          for (int i = 8; i < prefix.length; i++) {
            prefix[i] = 0;
          }
          return InetAddress.getByAddress(prefix).getHostAddress() + "/64";
        }
      } catch (UnknownHostException notAnAddress) {
        // Kept as it is.
      }
    }
    return address;
  }

  /**
   * The mailbox an address delivers to: {@code victim+1@example.com} and {@code
   * victim+2@example.com} reach the same person and share one budget.
   */
  static String mailbox(EmailAddress contact) {
    var local = contact.localPart();
    var tag = local.indexOf('+');
    return (tag > 0 ? local.substring(0, tag) : local) + "@" + contact.domain();
  }

  private void spend(Budget budget, String who, Limit limit) {
    var probe =
        buckets
            .builder()
            .build(budget.key(signer, who), budget::configuration)
            .tryConsumeAndReturnRemaining(1);
    if (!probe.isConsumed()) {
      throw new IntakeLimited(limit, Duration.ofNanos(probe.getNanosToWaitForRefill()));
    }
  }

  /**
   * So many requests per period, refilled steadily (greedily, in Bucket4j's words). The limit is
   * part of the bucket's id: a changed setting starts new buckets instead of reading old ones.
   */
  private record Budget(String kind, int requests, Duration period) {

    String key(TokenSigner signer, String who) {
      return kind
          + ":"
          + requests
          + "/"
          + period
          + ":"
          + signer.sign("intake-" + kind, who.toLowerCase(Locale.ROOT), 32);
    }

    BucketConfiguration configuration() {
      return BucketConfiguration.builder()
          .addLimit(limit -> limit.capacity(requests).refillGreedy(requests, period))
          .build();
    }
  }
}
