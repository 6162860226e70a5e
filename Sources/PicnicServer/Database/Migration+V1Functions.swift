/// Migration 1, functions: the user of a transaction, readable spaces, token checks, the feed's positions and head, the posts guard.
extension Migration {
    static let v1Functions = #"""
-- The user of the current transaction, set by the server with set_config('picnic.user', id, true).
create function picnic_uid() returns bigint
language sql stable
as $$ select nullif(current_setting('picnic.user', true), '')::bigint $$;

-- The spaces the current user may read: every public space and the private ones they are in.
-- Security definer so that policies on other tables can ask without seeing memberships rows.
create function picnic_readable_spaces() returns bigint[]
language sql stable security definer set search_path = pg_catalog, public
as $$
    select coalesce(array_agg(s.id), '{}') from spaces s
    where picnic_uid() is not null
      and (not s.private or exists (select 1 from memberships m where m.space_id = s.id and m.user_id = picnic_uid()))
$$;

-- The spaces the current user moderates.
create function picnic_moderated_spaces() returns bigint[]
language sql stable security definer set search_path = pg_catalog, public
as $$
    select coalesce(array_agg(m.space_id), '{}') from memberships m
    where m.user_id = picnic_uid() and m.role = 'moderator'
$$;

-- Checks a token's SHA-256: 'ok' with the user, 'revoked', or 'unknown'. Records the last use,
-- at most once a minute. The server role cannot read the tokens table at all.
create function picnic_auth(token_hash bytea)
returns table (user_id bigint, name text, display_name text, status text)
language plpgsql security definer set search_path = pg_catalog, public
as $$
declare
    t record;
begin
    select tk.id, tk.user_id, tk.revoked, tk.last_used, u.revoked as user_revoked, u.name, u.display_name
      into t
      from tokens tk join users u on u.id = tk.user_id
     where tk.hash = token_hash;
    if not found then
        return query select null::bigint, null::text, null::text, 'unknown'::text;
        return;
    end if;
    if t.revoked is not null or t.user_revoked is not null then
        return query select null::bigint, null::text, null::text, 'revoked'::text;
        return;
    end if;
    if t.last_used is null or t.last_used < now() - interval '1 minute' then
        update tokens set last_used = date_trunc('minute', now()) where id = t.id;
    end if;
    return query select t.user_id, t.name, t.display_name, 'ok'::text;
end
$$;

-- Takes `n` consecutive feed positions for the current transaction (the feed's cure, see
-- docs/DECISIONS.md "The change feed never skips"): under a short lock, the transaction's id
-- is assigned and the positions are drawn, so position order is transaction-id order. A reader
-- then serves only positions of transactions older than the oldest one still running
-- (picnic_head), which can never be overtaken by a commit of a smaller position.
create function picnic_take_positions(n int default 1) returns bigint
language plpgsql security definer set search_path = pg_catalog, public
as $$
declare
    first bigint;
    x xid8;
begin
    if n < 1 then
        raise exception 'picnic_take_positions: n must be at least 1';
    end if;
    if pg_current_xact_id_if_assigned() is not null then
        raise exception 'picnic_take_positions: take positions before the first write of the transaction';
    end if;
    begin
        perform pg_advisory_lock(1885957731, 1);
        x := pg_current_xact_id();
        first := nextval('feed_position');
        if n > 1 then
            perform setval('feed_position', first + n - 1);
        end if;
        perform pg_advisory_unlock(1885957731, 1);
    exception when others then
        perform pg_advisory_unlock(1885957731, 1);
        raise;
    end;
    insert into positions (position, xid) select g, x from generate_series(first, first + n - 1) g;
    return first;
end
$$;

-- The feed's head: the largest position no running transaction can still commit under.
create function picnic_head() returns bigint
language sql stable security definer set search_path = pg_catalog, public
as $$
    select coalesce(max(position), 0) from positions
    where xid < pg_snapshot_xmin(pg_current_snapshot())
$$;

-- Forgets positions below the head (the head's own row stays: picnic_head needs it). Any
-- instance calls it now and then; concurrent calls are harmless.
create function picnic_prune_positions() returns bigint
language sql volatile security definer set search_path = pg_catalog, public
as $$
    with gone as (delete from positions where position < picnic_head() returning 1)
    select count(*) from gone
$$;

-- The current user's access changes in (after, head]: with the space's name even when the user
-- may no longer read it (that is the point of the entry: drop the space's posts).
create function picnic_access_changes(after bigint, head bigint, max_rows int)
returns table (change_position bigint, space_id bigint, name text, title text, private boolean, general boolean)
language sql stable security definer set search_path = pg_catalog, public
as $$
    select a.position, s.id, s.name, s.title, s.private, s.general
    from access_changes a join spaces s on s.id = a.space_id
    where a.user_id = picnic_uid() and a.position > after and a.position <= head
    order by a.position limit max_rows
$$;

-- The size of a stored file, for a post that names it (its bytes stay unreadable until then).
create function picnic_file_size(sha text) returns bigint
language sql stable security definer set search_path = pg_catalog, public
as $$ select size from files where sha256 = sha $$;

-- Row rules that a policy cannot express alone (checked again by the server, first).
create function picnic_posts_guard() returns trigger
language plpgsql
as $$
declare
    me bigint := picnic_uid();
    q record;
begin
    if me is null then
        return new;   -- the owner's admin commands; the server role sees no rows without a user
    end if;
    if tg_op = 'INSERT' then
        if new.parent is not null then
            select p.kind, p.space_id, p.deleted into q from posts p where p.id = new.parent;
            if not found or q.kind <> 'question' or q.deleted then
                raise exception 'picnic: bad_parent' using errcode = 'P0001';
            end if;
            if q.space_id <> new.space_id then
                raise exception 'picnic: bad_parent (an answer lives in its question''s space)' using errcode = 'P0001';
            end if;
        end if;
        return new;
    end if;
    if new.id <> old.id or new.space_id <> old.space_id or new.kind <> old.kind or new.author_id <> old.author_id
       or new.parent is distinct from old.parent or new.created <> old.created then
        raise exception 'picnic: immutable' using errcode = 'P0001';
    end if;
    if old.deleted then
        raise exception 'picnic: deleted' using errcode = 'P0001';
    end if;
    if old.author_id <> me and (new.version <> old.version or new.edited is distinct from old.edited
        or new.deleted <> old.deleted or new.accepted_answer is distinct from old.accepted_answer) then
        raise exception 'picnic: not_author' using errcode = 'P0001';
    end if;
    if (new.hidden <> old.hidden or new.hidden_reason is distinct from old.hidden_reason)
       and not (old.space_id = any (picnic_moderated_spaces())) then
        raise exception 'picnic: not_moderator' using errcode = 'P0001';
    end if;
    if new.accepted_answer is not null and new.accepted_answer is distinct from old.accepted_answer then
        perform 1 from posts a where a.id = new.accepted_answer and a.parent = new.id and not a.deleted;
        if not found then
            raise exception 'picnic: not_an_answer' using errcode = 'P0001';
        end if;
    end if;
    return new;
end
$$;
create trigger posts_guard before insert or update on posts
    for each row execute function picnic_posts_guard();
"""#
}
