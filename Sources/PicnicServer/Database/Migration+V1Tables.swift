/// Migration 1, tables: users, tokens, spaces, memberships, positions, files, posts, their text, the feed, votes, helped marks.
extension Migration {
    static let v1Tables = #"""
-- Users, tokens, spaces, memberships.
create table users (
    id bigint generated always as identity primary key,
    name text not null unique check (name ~ '^[a-z0-9][a-z0-9._-]{0,31}$'),
    display_name text not null check (length(display_name) between 1 and 64),
    created timestamptz not null default now(),
    revoked timestamptz
);

-- Only the SHA-256 of a token is stored; the token itself is shown once.
create table tokens (
    id bigint generated always as identity primary key,
    user_id bigint not null references users,
    hash bytea not null unique check (length(hash) = 32),
    created timestamptz not null default now(),
    last_used timestamptz,
    revoked timestamptz
);
create index tokens_user on tokens (user_id);

create table spaces (
    id bigint generated always as identity primary key,
    name text not null unique check (name ~ '^[a-z0-9][a-z0-9._-]{0,31}$'),
    title text not null,
    private boolean not null default false,
    general boolean not null default false,
    created timestamptz not null default now(),
    check (not (general and private))
);
create unique index spaces_one_general on spaces (general) where general;

create table memberships (
    space_id bigint not null references spaces,
    user_id bigint not null references users,
    role text not null check (role in ('member', 'moderator')),
    primary key (space_id, user_id)
);
create index memberships_user on memberships (user_id);

-- The feed's positions: taken by picnic_take_positions (one transaction's xid each).
create sequence feed_position as bigint;
create table positions (
    position bigint primary key,
    xid xid8 not null
);

-- Shared files, by content hash.
create table files (
    sha256 text primary key check (sha256 ~ '^[0-9a-f]{64}$'),
    size bigint not null check (size >= 0),
    data bytea not null,
    uploader_id bigint not null references users,
    created timestamptz not null default now(),
    check (length(data) = size)
);

-- A post's identity and state. Its text lives in post_content, so that row-level security can
-- hide the text of a hidden post while its tombstone stays in the feed.
create table posts (
    id uuid primary key,
    space_id bigint not null references spaces,
    kind text not null check (kind in ('question', 'answer', 'tip', 'doc', 'file', 'link')),
    author_id bigint not null references users,
    parent uuid references posts,
    created timestamptz not null default now(),
    edited timestamptz,
    version int not null default 1 check (version >= 1),
    accepted_answer uuid references posts,
    hidden boolean not null default false,
    hidden_reason text,
    deleted boolean not null default false,
    unique (id, space_id),
    unique (id, space_id, author_id),
    check ((kind = 'answer') = (parent is not null)),
    check (accepted_answer is null or kind = 'question')
);
create index posts_parent on posts (parent) where parent is not null;
create index posts_space on posts (space_id);

create table post_content (
    post_id uuid primary key references posts,
    title text not null check (length(title) between 1 and 300),
    body text not null check (octet_length(body) <= 65536),
    tags text[] not null default '{}' check (cardinality(tags) <= 16),
    url text check (octet_length(url) <= 2048),
    file_sha256 text references files,
    file_name text,
    file_size bigint,
    file_mime text
);
create index post_content_file on post_content (file_sha256) where file_sha256 is not null;

-- Each post once, at the position of its latest change (the compacted feed).
create table feed (
    post_id uuid primary key references posts,
    space_id bigint not null,
    position bigint not null unique,
    op text not null check (op in ('create', 'edit', 'vote', 'helped', 'accept', 'hide', 'unhide', 'delete')),
    foreign key (post_id, space_id) references posts (id, space_id)
);

-- A user's access to a space changed (joined, left, became moderator): `op: space` in the feed.
create table access_changes (
    user_id bigint not null references users,
    space_id bigint not null references spaces,
    position bigint not null unique,
    primary key (user_id, space_id)
);

-- Once per person: the primary keys. Never one's own post: the checks (the post's author is
-- carried and tied to the post by the foreign key).
create table votes (
    post_id uuid not null,
    user_id bigint not null references users,
    space_id bigint not null,
    post_author bigint not null,
    value smallint not null check (value in (-1, 1)),
    primary key (post_id, user_id),
    foreign key (post_id, space_id, post_author) references posts (id, space_id, author_id),
    check (user_id <> post_author)
);

-- A "helped" mark names a post and a person, never a task: there is no column for one.
create table helped (
    post_id uuid not null,
    user_id bigint not null references users,
    space_id bigint not null,
    post_author bigint not null,
    created timestamptz not null default now(),
    primary key (post_id, user_id),
    foreign key (post_id, space_id, post_author) references posts (id, space_id, author_id),
    check (user_id <> post_author)
);
"""#
}
