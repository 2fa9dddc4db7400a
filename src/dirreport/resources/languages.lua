-- Typst: a passage in its own language (a Div with a lang attribute) as a
-- block whose first line sets the language and nothing else.
--
-- pandoc's own Typst writer puts the language switch and the passage's first
-- block on one line ("#set text(lang: "cy"); ==== Heading").  Typst reads a
-- heading, list or table only at the start of a line, so a passage opening
-- with one printed its markup as text and lost it from the tags, bookmarks
-- and contents.  This filter runs after pairs.lua, which makes such passages.

local function language_switch(tag)
  local lang, region = tag:match("^(%a+)%-(%a+)")
  if lang then
    return string.format('#set text(lang: "%s", region: "%s")', lang:lower(), region:upper())
  end
  return string.format('#set text(lang: "%s")', tag:lower())
end

function Div(el)
  if FORMAT ~= "typst" then
    return nil
  end
  local tag = el.attributes.lang
  if tag == nil or tag == "" then
    return nil
  end
  el.attributes.lang = nil
  local inner = el.content
  if el.identifier ~= "" or #el.classes > 0 or #el.attributes > 0 then
    inner = { el }
  end
  local blocks = { pandoc.RawBlock("typst", "#block[\n" .. language_switch(tag)) }
  for _, block in ipairs(inner) do
    table.insert(blocks, block)
  end
  table.insert(blocks, pandoc.RawBlock("typst", "]"))
  return blocks
end
