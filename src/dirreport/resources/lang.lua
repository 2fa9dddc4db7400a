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
