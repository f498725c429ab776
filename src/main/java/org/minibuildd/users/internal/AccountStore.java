package org.minibuildd.users.internal;

import static org.minibuildd.db.Tables.ACCOUNT;

import java.util.List;
import java.util.Optional;

import org.jooq.DSLContext;
import org.jooq.Record;
import org.minibuildd.users.Account;
import org.minibuildd.users.Role;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The {@code account} table. */
@Repository
public class AccountStore {

    /** What a password check needs, never handed out of the module. */
    public record Hash(String hash, boolean active, Role role) {
    }

    private final DSLContext db;

    AccountStore(DSLContext db) {
        this.db = db;
    }

    public Optional<Account> find(String username) {
        return db.selectFrom(ACCOUNT).where(ACCOUNT.USERNAME.eq(username)).fetchOptional().map(AccountStore::account);
    }

    public List<Account> all() {
        return db.selectFrom(ACCOUNT).orderBy(ACCOUNT.USERNAME).fetch(AccountStore::account);
    }

    public Optional<Hash> findHash(String username) {
        return db.select(ACCOUNT.PASSWORD, ACCOUNT.ACTIVE, ACCOUNT.ROLE).from(ACCOUNT).where(ACCOUNT.USERNAME.eq(username))
                .fetchOptional(r -> new Hash(r.value1(), r.value2(), Role.valueOf(r.value3())));
    }

    /** False when the name is taken. */
    public boolean insert(String username, String hash, String email, Role role) {
        return db.insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.PASSWORD, ACCOUNT.EMAIL, ACCOUNT.ROLE)
                .values(username, hash, email, role.name())
                .onConflictDoNothing()
                .execute() == 1;
    }

    public boolean updateRole(String username, Role role) {
        return db.update(ACCOUNT).set(ACCOUNT.ROLE, role.name()).where(ACCOUNT.USERNAME.eq(username)).execute() == 1;
    }

    public boolean updateActive(String username, boolean active) {
        return db.update(ACCOUNT).set(ACCOUNT.ACTIVE, active).where(ACCOUNT.USERNAME.eq(username)).execute() == 1;
    }

    public boolean updatePassword(String username, String hash) {
        return db.update(ACCOUNT).set(ACCOUNT.PASSWORD, hash).where(ACCOUNT.USERNAME.eq(username)).execute() == 1;
    }

    /**
     * The admin account as the start-up wants it: created if missing, otherwise made an active ADMIN; the hash is
     * only written when {@code keepHash} says the stored one does not match the password any more (bcrypt salts
     * each hash, so rewriting it at every start would churn for nothing).
     */
    @Transactional
    public void settleAdmin(String username, java.util.function.Predicate<String> keepHash, java.util.function.Supplier<String> newHash) {
        var stored = db.select(ACCOUNT.PASSWORD).from(ACCOUNT).where(ACCOUNT.USERNAME.eq(username)).forUpdate().fetchOptional(ACCOUNT.PASSWORD);
        if (stored.isEmpty()) {
            db.insertInto(ACCOUNT, ACCOUNT.USERNAME, ACCOUNT.PASSWORD, ACCOUNT.ROLE).values(username, newHash.get(), Role.ADMIN.name()).execute();
            return;
        }
        var update = db.update(ACCOUNT).set(ACCOUNT.ROLE, Role.ADMIN.name()).set(ACCOUNT.ACTIVE, true);
        if (!keepHash.test(stored.get())) {
            update = update.set(ACCOUNT.PASSWORD, newHash.get());
        }
        update.where(ACCOUNT.USERNAME.eq(username)).execute();
    }

    private static Account account(Record r) {
        return new Account(r.get(ACCOUNT.USERNAME), r.get(ACCOUNT.EMAIL), Role.valueOf(r.get(ACCOUNT.ROLE)),
                r.get(ACCOUNT.ACTIVE), r.get(ACCOUNT.CREATED));
    }
}
