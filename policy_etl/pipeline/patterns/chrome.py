"""Web-page chrome: navigation, info boxes, share prompts and rankings around a published plan.

Plans saved from government and news sites (001 北极星环保网, 003 越城区政府网, the 2026 work
reports) carry the page around the text. A paragraph matching one of these rules is page
furniture, not the document, so normalize moves it to `Document.furniture`. Every rule matches a
whole paragraph (or its start) so that a plan sentence quoting such a word is never removed.
"""

from __future__ import annotations

import re

# name → pattern, matched against a whole, already-cleaned paragraph.
CHROME_PARAGRAPHS: dict[str, re.Pattern[str]] = {
    # Breadcrumbs: "首页 > 大气治理 > 政策 > 正文", "首页" alone with the trail on the next line
    # (003: ">政务公开>组织机构>…").
    "breadcrumb": re.compile(r"^(?:首页|当前位置[:：]?.*首页)\s*(?:[>＞»].*)?$|^[>＞»]\s*\S.*[>＞»]"),
    # Government-site disclosure box: 索引号 / 组配分类 / 发布机构 / 发文日期 / 公开方式 …
    "info_box": re.compile(
        r"^(?:索引号|组配分类|主题分类|发布机构|发文机关|发文日期|成文日期|发布日期|公开方式|公开范围|"
        r"信息来源|有效性|生效日期|发文字号)\s*[:：]"
    ),
    # Page counters: "发布日期: … 浏览次数:", "阅读量：123".
    "counter": re.compile(r"(?:浏览次数|阅读次数|访问量|阅读量|点击数)\s*[:：]\s*\d*$"),
    # Source / time lines of news pages: "2021-12-16 11:16来源: 北极星环保网", "来源：北京日报",
    # "时间：2026-02-02".
    "source_line": re.compile(
        r"^(?:\d{4}-\d{1,2}-\d{1,2}\s*(?:\d{1,2}:\d{2}(?::\d{2})?)?\s*)?(?:来源|稿源|作者|编辑|责任编辑)\s*[:：]"
        r"|^时间\s*[:：]\s*\d{4}-\d{1,2}-\d{1,2}"
    ),
    # A news site's lead paragraph repeating the notice ("北极星环保网获悉,12月10日,…"): 001 prints
    # it twice before the real title; it is the site's summary, not the plan.
    "news_lead": re.compile(r"^\S{2,12}(?:网|报|社|讯)获悉[,，]"),
    # Photo captions of news pages: "…作政府工作报告。本报记者戴冰摄".
    "photo_caption": re.compile(r"(?:本报|新华社)?记者\S{1,8}摄$"),
    # Share, app and page-tool prompts.
    "page_tool": re.compile(
        r"^(?:打开.{0,12}APP.*|展开全文|收藏|投稿|分享到.*|分享|下载|打印|全屏|关闭|关闭窗口|打印本页|"
        r"【?字号[:：]?|加大|还原|减小|大|中|小|】|【|扫一扫.*|微信扫一扫.*|返回顶部|相关报道[:：]?|"
        r"相关阅读[:：]?|相关新闻[:：]?|责任编辑[:：].*)$",
        re.IGNORECASE,
    ),
    # Rankings boxes: 今日 / 本周 / 本月 / 新闻排行榜.
    "ranking": re.compile(r"^(?:今日|本周|本月|新闻排行榜|排行榜|热门文章|热点推荐|点击排行)$"),
    # Image placeholders left where the page had a picture: "1.png", "24.png".
    "image_placeholder": re.compile(r"^[\w\-.]+\.(?:png|jpe?g|gif|bmp|webp)$", re.IGNORECASE),
    # Copyright notes of news sites.
    "copyright": re.compile(r"^凡来源注明.*(?:原创|转载)|^版权(?:所有|声明)"),
}

# The start of a page footer: everything after "特别声明：…" is site chrome (001's tail of share
# buttons, counters and rankings), as long as the tail is short and holds no table.
FOOTER_START = re.compile(r"^(?:特别声明|免责声明)\s*[:：]")
FOOTER_MAX_PARAGRAPHS = 40
