package dev.recoverydesk.account.embedded;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

interface AccountRepository extends JpaRepository<AccountEntity, Long> {

  // A query string, not a derived query: Hibernate keeps its translation, where it would build a
  // criteria query afresh on every lookup.
  @Query("select a from AccountEntity a where a.username = :username")
  Optional<AccountEntity> findByUsername(String username);
}
