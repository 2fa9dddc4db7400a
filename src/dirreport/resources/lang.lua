-- A passage in another language inside a line (a Span with a lang attribute,
-- such as the English half of "Pennod 1 … / Chapter 1 …" in the bilingual
-- edition's headings, cover and page furniture) keeps its language in the
-- PDF.  pandoc's Typst writer drops a Span's lang; Typst's text(lang:) gives
-- the span its own /Lang in the tagged PDF, so a screen reader switches voice
-- for it.  HTML and Word keep a Span's lang themselves (lang, w:lang).

local function typst_lang(tag)
  local language, region = tag:match("^(%a+)%-(%a+)$")
  if language then
    return string.format('lang: "%s", region: "%s"', language:lower(), region:upper())
  end
  return string.format('lang: "%s"', tag:lower())
end

function Span(el)
  local tag = el.attributes.lang
  if FORMAT ~= "typst" or tag == nil or tag == "" then
    return nil
  end
  local out = { pandoc.RawInline("typst", "#text(" .. typst_lang(tag) .. ")[") }
  for _, inline in ipairs(el.content) do
    table.insert(out, inline)
  end
  table.insert(out, pandoc.RawInline("typst", "]"))
  return out
end

-- A heading inside a passage in another language (the English side of the
-- bilingual edition) is read in that language where it is shown, but the
-- contents list Typst makes from it copies only the heading's own text, not
-- the passage's language: the heading's text carries the language itself.
local function wrap(tag, inlines)
  local out = { pandoc.RawInline("typst", "#text(" .. typst_lang(tag) .. ")[") }
  for _, inline in ipairs(inlines) do
    table.insert(out, inline)
  end
  table.insert(out, pandoc.RawInline("typst", "]"))
  return out
end

function Div(el)
  local tag = el.attributes.lang
  if FORMAT ~= "typst" or tag == nil or tag == "" then
    return nil
  end
  return pandoc.walk_block(el, {
    Header = function(header)
      header.content = wrap(tag, header.content)
      return header
    end,
  })
end
