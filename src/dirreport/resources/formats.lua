-- Quarto's conditional content (content-visible / content-hidden with
-- when-format / unless-format) for plain pandoc, so one assembled Markdown
-- file renders the same way under pandoc and under Quarto.

local aliases = {
  html = { "html", "html4", "html5" },
  typst = { "typst" },
  pdf = { "typst", "latex", "beamer" },
  docx = { "docx" },
  word = { "docx" },
}

local function matches(spec)
  for name in spec:gmatch("[^%s,]+") do
    for _, fmt in ipairs(aliases[name] or { name }) do
      if FORMAT == fmt then
        return true
      end
    end
  end
  return false
end

function Div(el)
  if el.classes:includes("content-visible") then
    local when = el.attributes["when-format"]
    if when and not matches(when) then
      return {}
    end
    return el.content
  elseif el.classes:includes("content-hidden") then
    local unless = el.attributes["unless-format"]
    if unless and matches(unless) then
      return {}
    end
    return el.content
  end
end
