<?xml version="1.0" encoding="UTF-8"?>
<!-- Directory listing of a static tree (repositories, build logs, event files), from Tomcat's XML listing. -->
<xsl:stylesheet version="1.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:output method="html" encoding="UTF-8" indent="no" doctype-system="about:legacy-compat"/>
  <xsl:variable name="aptOnly" select="@APT_ONLY@()"/>
  <xsl:variable name="path">@PATH@</xsl:variable>

  <xsl:template match="listing">
    <!-- The directory's path below the tree ("/", "/test/", "/test/dists/"); Tomcat's listing has its last name only. -->
    <xsl:variable name="top" select="$path = '/'"/>
    <xsl:variable name="title" select="concat(@contextPath, $path)"/>
    <xsl:variable name="repository" select="not($top) and not(contains(substring-after(substring($path, 2), '/'), '/'))"/>
    <xsl:variable name="shown" select="entries/entry[not(starts-with(., '.'))
        and not($aptOnly and $repository and not(. = 'dists/' or . = 'pool/'))]"/>
    <html>
      <head>
        <meta charset="utf-8"/>
        <meta name="viewport" content="width=device-width, initial-scale=1"/>
        <title>Index of <xsl:value-of select="$title"/></title>
        <link rel="stylesheet" href="/mini-buildd.css"/>
      </head>
      <body>
        <h1>Index of <xsl:value-of select="$title"/></h1>
        <table class="listing">
          <tr><th>Name</th><th>Last modified</th><th>Size</th></tr>
          <xsl:if test="not($top)">
            <tr><td><a href="../">../</a></td><td/><td/></tr>
          </xsl:if>
          <xsl:if test="not($shown)">
            <tr><td colspan="3">
              <xsl:choose>
                <xsl:when test="$top and $aptOnly">No repositories yet.</xsl:when>
                <xsl:otherwise>Empty.</xsl:otherwise>
              </xsl:choose>
            </td></tr>
          </xsl:if>
          <xsl:for-each select="$shown">
            <tr>
              <td><a href="{@urlPath}"><xsl:value-of select="."/><xsl:if test="@type = 'dir' and substring(., string-length(.)) != '/'">/</xsl:if></a></td>
              <td><xsl:value-of select="@date"/></td>
              <td><xsl:choose><xsl:when test="@type = 'dir'">-</xsl:when><xsl:otherwise><xsl:value-of select="@size"/></xsl:otherwise></xsl:choose></td>
            </tr>
          </xsl:for-each>
        </table>
      </body>
    </html>
  </xsl:template>
</xsl:stylesheet>
