/// Migration 1, row-level security: the rules again, in PostgreSQL, for the server's role.
extension Migration {
    static let v1Policies = #"""
-- Row-level security: PostgreSQL checks the rules again, for the server's role (which owns no
-- table and so is subject to every policy). The owner's admin commands are not.
alter table users enable row level security;
alter table tokens enable row level security;
alter table spaces enable row level security;
alter table memberships enable row level security;
alter table positions enable row level security;
alter table files enable row level security;
alter table posts enable row level security;
alter table post_content enable row level security;
alter table feed enable row level security;
alter table access_changes enable row level security;
alter table votes enable row level security;
alter table helped enable row level security;

-- Names of the community's members are no secret to its members; tokens have no policy at all.
create policy users_read on users for select using (picnic_uid() is not null);
create policy positions_read on positions for select using (true);

create policy spaces_read on spaces for select
    using (id = any ((select picnic_readable_spaces())::bigint[]));
create policy memberships_read on memberships for select
    using (user_id = picnic_uid());
create policy access_changes_read on access_changes for select
    using (user_id = picnic_uid());

-- Posts: read where the space is readable; created by their author in such a space; changed by
-- their author or a moderator of their space (the guard trigger says which columns each may change).
create policy posts_read on posts for select
    using (space_id = any ((select picnic_readable_spaces())::bigint[]));
create policy posts_create on posts for insert
    with check (author_id = picnic_uid() and space_id = any ((select picnic_readable_spaces())::bigint[]));
create policy posts_change on posts for update
    using (space_id = any ((select picnic_readable_spaces())::bigint[])
           and (author_id = picnic_uid() or space_id = any ((select picnic_moderated_spaces())::bigint[])))
    with check (author_id = picnic_uid() or space_id = any ((select picnic_moderated_spaces())::bigint[]));

-- A post's text: readable unless the post is hidden (then only by its author and the space's
-- moderators); written only by the post's author, and never after deletion.
create policy post_content_read on post_content for select
    using (exists (select 1 from posts p where p.id = post_id
                   and (not p.hidden or p.author_id = picnic_uid()
                        or p.space_id = any ((select picnic_moderated_spaces())::bigint[]))));
create policy post_content_write on post_content for all
    using (exists (select 1 from posts p where p.id = post_id and p.author_id = picnic_uid() and not p.deleted))
    with check (exists (select 1 from posts p where p.id = post_id and p.author_id = picnic_uid() and not p.deleted));

-- The feed: every change to a readable post moves it (votes and marks by its readers too).
create policy feed_read on feed for select
    using (space_id = any ((select picnic_readable_spaces())::bigint[]));
create policy feed_write on feed for all
    using (space_id = any ((select picnic_readable_spaces())::bigint[]))
    with check (space_id = any ((select picnic_readable_spaces())::bigint[]));

-- Votes and helped marks: one's own only, on readable posts (never one's own post: the check).
create policy votes_read on votes for select
    using (space_id = any ((select picnic_readable_spaces())::bigint[]));
create policy votes_write on votes for all
    using (user_id = picnic_uid())
    with check (user_id = picnic_uid() and space_id = any ((select picnic_readable_spaces())::bigint[]));
create policy helped_read on helped for select
    using (space_id = any ((select picnic_readable_spaces())::bigint[]));
create policy helped_write on helped for all
    using (user_id = picnic_uid())
    with check (user_id = picnic_uid() and space_id = any ((select picnic_readable_spaces())::bigint[]));

-- Files: stored by anyone, read by their uploader or where a readable post names them.
create policy files_read on files for select
    using (uploader_id = picnic_uid()
           or exists (select 1 from post_content c where c.file_sha256 = sha256));
create policy files_create on files for insert
    with check (uploader_id = picnic_uid());

insert into spaces (name, title, general) values ('general', 'General', true);
"""#
}
