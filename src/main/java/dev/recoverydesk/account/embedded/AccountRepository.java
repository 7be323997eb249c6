package dev.recoverydesk.account.embedded;

import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;

interface AccountRepository extends JpaRepository<AccountEntity, Long> {

  Optional<AccountEntity> findByUsername(String username);
}
