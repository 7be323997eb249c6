-- The audit log only ever grows: the database itself refuses to change or remove an entry.
create trigger audit_event_append_only before update, delete on audit_event
    for each row call 'dev.recoverydesk.audit.AppendOnlyTrigger';
