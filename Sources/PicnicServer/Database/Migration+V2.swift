/// Migration 2: a post's text carries its space, author and hidden flag, so that its row-level
/// security reads its own row instead of looking the post up for every row read (a feed page of
/// 1,000 posts did 2,000 such lookups). `posts.hidden` stays the truth; a trigger copies it.
extension Migration {
    static let v2ContentKeys = #"""
alter table post_content add column space_id bigint, add column author_id bigint,
    add column hidden boolean not null default false;
update post_content c set space_id = p.space_id, author_id = p.author_id, hidden = p.hidden
    from posts p where p.id = c.post_id;
alter table post_content alter column space_id set not null, alter column author_id set not null;
alter table post_content add foreign key (post_id, space_id, author_id) references posts (id, space_id, author_id);

-- Hiding or unhiding a post hides or shows its text (as the owner: moderators cannot write text).
create function picnic_content_hidden() returns trigger
language plpgsql security definer set search_path = pg_catalog, public
as $$
begin
    update post_content set hidden = new.hidden where post_id = new.id;
    return null;
end
$$;
create trigger posts_hidden_to_content after update of hidden on posts
    for each row when (old.hidden is distinct from new.hidden) execute function picnic_content_hidden();

drop policy post_content_read on post_content;
drop policy post_content_write on post_content;
create policy post_content_read on post_content for select
    using (space_id = any ((select picnic_readable_spaces())::bigint[])
           and (not hidden or author_id = picnic_uid() or space_id = any ((select picnic_moderated_spaces())::bigint[])));
create policy post_content_create on post_content for insert
    with check (author_id = picnic_uid() and not hidden
                and exists (select 1 from posts p where p.id = post_id and not p.deleted));
create policy post_content_change on post_content for update
    using (author_id = picnic_uid())
    with check (author_id = picnic_uid() and exists (select 1 from posts p where p.id = post_id and not p.deleted));
create policy post_content_remove on post_content for delete
    using (author_id = picnic_uid());
"""#
}
