package dev.recoverydesk.account.embedded;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Embeddable;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/** The stored form of an account; {@link EmbeddedAccountDirectory} maps it to and from facts. */
@Entity
@Table(name = "account")
class AccountEntity {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  Long id;

  @Column(nullable = false, unique = true, length = 30)
  String username;

  @Column(name = "display_name", nullable = false, length = 100)
  String displayName;

  @Column(nullable = false, length = 320)
  String email;

  @Column(length = 20)
  String phone;

  @Column(length = 60)
  String carrier;

  @Column(nullable = false, length = 10)
  String locale;

  @Column(name = "time_zone", length = 40)
  String timeZone;

  @Column(name = "created_on")
  LocalDate createdOn;

  @Column(name = "sms_enabled", nullable = false)
  boolean smsEnabled;

  @Column(name = "totp_enabled", nullable = false)
  boolean totpEnabled;

  @Column(name = "push_enabled", nullable = false)
  boolean pushEnabled;

  @Column(name = "updated_at", nullable = false)
  Instant updatedAt;

  @Column(name = "facts_changed_at")
  Instant factsChangedAt;

  @ElementCollection
  @CollectionTable(name = "account_previous_email", joinColumns = @JoinColumn(name = "account_id"))
  @OrderColumn(name = "position")
  @Column(name = "email", length = 320, nullable = false)
  List<String> previousEmails = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "account_device", joinColumns = @JoinColumn(name = "account_id"))
  @OrderColumn(name = "position")
  List<DeviceRow> devices = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "account_post", joinColumns = @JoinColumn(name = "account_id"))
  @OrderColumn(name = "position")
  List<PostRow> posts = new ArrayList<>();

  @ElementCollection
  @CollectionTable(name = "account_following", joinColumns = @JoinColumn(name = "account_id"))
  @OrderColumn(name = "position")
  @Column(name = "username", length = 30, nullable = false)
  List<String> following = new ArrayList<>();

  @Embeddable
  static class DeviceRow {
    @Column(length = 100)
    String name;

    @Column(length = 100)
    String browser;

    @Column(name = "last_seen")
    Instant lastSeen;

    @Column(length = 2)
    String country;

    @Column(name = "id_digest", length = 64)
    String idDigest;
  }

  @Embeddable
  static class PostRow {
    @Column(name = "posted_on")
    LocalDate postedOn;

    @Column(name = "body", length = 1000, nullable = false)
    String text;
  }
}
