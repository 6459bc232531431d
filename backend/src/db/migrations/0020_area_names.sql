-- Names of the areas households and alerts are coded by: municipalities (全国地方公共団体コード) and their 町字
-- (町字ID), from the アドレス・ベース・レジストリ 町字マスター (AREA_NAMES_FILES) or the demo town. Public facts;
-- a code without a name is shown as the code.
CREATE TABLE area_names (
  local_government_code text NOT NULL CHECK (local_government_code ~ '^[0-9]{6}$'),
  -- NULL: the municipality itself.
  machiaza_id text CHECK (machiaza_id ~ '^[0-9]{7}$'),
  name text NOT NULL CHECK (name <> ''),
  updated_at timestamptz NOT NULL,
  UNIQUE NULLS NOT DISTINCT (local_government_code, machiaza_id)
);
